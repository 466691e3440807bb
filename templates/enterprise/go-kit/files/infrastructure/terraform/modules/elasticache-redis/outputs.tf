output "primary_endpoint_address" {
  description = "Host name of the primary node, for product-service's REDIS_URL: rediss://:AUTH_TOKEN@ADDRESS:6379/0."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint_address" {
  description = "Host name that balances over the replicas."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "Port the nodes listen on."
  value       = aws_elasticache_replication_group.this.port
}

output "security_group_id" {
  description = "Security group of the replication group."
  value       = aws_security_group.this.id
}
