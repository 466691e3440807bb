variable "identifier" {
  description = "Name of the RDS instance; also the prefix of its subnet group, security group and parameter group."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,54}$", var.identifier)) && !strcontains(var.identifier, "--") && !endswith(var.identifier, "-")
    error_message = "identifier must start with a lowercase letter, hold at most 55 lowercase letters, digits and hyphens, and have no two hyphens in a row nor one at the end."
  }
}

variable "vpc_id" {
  description = "ID of the VPC the instance runs in."
  type        = string

  validation {
    condition     = startswith(var.vpc_id, "vpc-")
    error_message = "vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "Private subnets, in at least two availability zones, for the instance and its standby."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && alltrue([for s in var.subnet_ids : startswith(s, "subnet-")])
    error_message = "subnet_ids must list at least two subnet IDs (subnet-...)."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may connect on port 5432, keyed by a name known before apply (for example { eks = module.eks.cluster_security_group_id })."
  type        = map(string)
  default     = {}
}

variable "engine_version" {
  description = "PostgreSQL version, major or major.minor, such as \"17\" or \"17.5\"."
  type        = string
  default     = "17"

  validation {
    condition     = can(regex("^[0-9]{2}(\\.[0-9]+)?$", var.engine_version))
    error_message = "engine_version must be a PostgreSQL version such as \"17\" or \"17.5\"."
  }
}

variable "instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.m6g.large"

  validation {
    condition     = startswith(var.instance_class, "db.")
    error_message = "instance_class must be an RDS instance class (db....)."
  }
}

variable "allocated_storage_gb" {
  description = "Storage allocated at creation, in GiB (gp3)."
  type        = number
  default     = 50

  validation {
    condition     = var.allocated_storage_gb >= 20 && var.allocated_storage_gb <= 65536
    error_message = "allocated_storage_gb must be between 20 and 65536."
  }
}

variable "max_allocated_storage_gb" {
  description = "Ceiling of storage autoscaling, in GiB; 0 turns autoscaling off."
  type        = number
  default     = 200

  validation {
    condition     = var.max_allocated_storage_gb == 0 || var.max_allocated_storage_gb >= 20
    error_message = "max_allocated_storage_gb must be 0 or at least 20."
  }
}

variable "master_username" {
  description = "Name of the administrator role; its password is generated and kept in AWS Secrets Manager by RDS."
  type        = string
  default     = "platform_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.master_username)) && !contains(["postgres", "rdsadmin", "admin"], var.master_username)
    error_message = "master_username must be a lowercase identifier of at most 63 characters, other than postgres, rdsadmin and admin."
  }
}

variable "databases" {
  description = "Databases the platform's services use, one per service, each owned by a role of the same name; RDS does not create them: see the module's README."
  type        = list(string)
  default     = ["user", "product", "order", "payment"]

  validation {
    condition     = alltrue([for d in var.databases : can(regex("^[a-z][a-z0-9_]{0,62}$", d))])
    error_message = "databases must hold lowercase identifiers of at most 63 characters."
  }
}

variable "multi_az" {
  description = "Whether a synchronous standby runs in a second availability zone."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Days automated backups are kept (point-in-time recovery window)."
  type        = number
  default     = 14

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35."
  }
}

variable "deletion_protection" {
  description = "Whether the instance refuses to be deleted until this is turned off."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource the module creates."
  type        = map(string)
  default     = {}
}
