output "cluster_name" {
  description = "Name of the EKS cluster, for aws eks update-kubeconfig --region REGION --name CLUSTER."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "URL of the Kubernetes API server."
  value       = module.eks.cluster_endpoint
}

output "postgres_address" {
  description = "Host name of PostgreSQL, for each service's DATABASE_URL: postgres://SERVICE:PASSWORD@ADDRESS:5432/SERVICE?sslmode=require (SERVICE is user, product, order or payment)."
  value       = module.postgres.address
}

output "postgres_master_user_secret_arn" {
  description = "Secrets Manager secret with the administrator's password, to create the services' roles and databases."
  value       = module.postgres.master_user_secret_arn
}

output "postgres_databases" {
  description = "Databases to create, one per service."
  value       = module.postgres.databases
}

output "redis_address" {
  description = "Host name of the Redis primary, for product-service's REDIS_URL: rediss://:AUTH_TOKEN@ADDRESS:6379/0."
  value       = module.redis.primary_endpoint_address
}
