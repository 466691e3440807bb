output "cluster_name" {
  description = "Name of the EKS cluster: aws eks update-kubeconfig --region <region> --name <this>."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "URL of the Kubernetes API server."
  value       = module.eks.cluster_endpoint
}

output "postgres_address" {
  description = "Host name of PostgreSQL, for each service's DATABASE_URL (postgres://<service>_service:<password>@<this>:5432/<service>_service?sslmode=require)."
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
  description = "Host name of the Redis primary, for product-service's REDIS_URL (rediss://:<auth token>@<this>:6379/0)."
  value       = module.redis.primary_endpoint_address
}
