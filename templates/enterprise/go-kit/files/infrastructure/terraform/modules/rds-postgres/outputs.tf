output "address" {
  description = "Host name of the instance, for the services' DATABASE_URL."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port the instance listens on."
  value       = aws_db_instance.this.port
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the administrator's generated password."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "security_group_id" {
  description = "Security group of the instance."
  value       = aws_security_group.this.id
}

output "databases" {
  description = "Databases to create on the instance, one per service, each owned by a role of the same name."
  value       = var.databases
}
