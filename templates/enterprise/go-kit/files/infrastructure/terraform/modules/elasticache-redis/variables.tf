variable "name" {
  description = "ID of the replication group; also the name of its subnet group and the prefix of its security group."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,39}$", var.name)) && !strcontains(var.name, "--") && !endswith(var.name, "-")
    error_message = "name must start with a lowercase letter, hold at most 40 lowercase letters, digits and hyphens, and have no two hyphens in a row nor one at the end."
  }
}

variable "vpc_id" {
  description = "ID of the VPC the replication group runs in."
  type        = string

  validation {
    condition     = startswith(var.vpc_id, "vpc-")
    error_message = "vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "Private subnets, in at least two availability zones, for the primary and its replicas."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && alltrue([for s in var.subnet_ids : startswith(s, "subnet-")])
    error_message = "subnet_ids must list at least two subnet IDs (subnet-...)."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may connect on port 6379, keyed by a name known before apply (for example { eks = module.eks.cluster_security_group_id })."
  type        = map(string)
  default     = {}
}

variable "engine_version" {
  description = "Redis OSS version of the replication group, such as \"7.1\"."
  type        = string
  default     = "7.1"

  validation {
    condition     = can(regex("^7\\.[0-9]+$", var.engine_version))
    error_message = "engine_version must be a Redis 7 version such as \"7.1\" (the parameter group family is default.redis7)."
  }
}

variable "node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.medium"

  validation {
    condition     = startswith(var.node_type, "cache.")
    error_message = "node_type must be an ElastiCache node type (cache....)."
  }
}

variable "num_cache_clusters" {
  description = "Nodes in the group: one primary and the rest replicas. Two or more turn on automatic failover across availability zones."
  type        = number
  default     = 2

  validation {
    condition     = var.num_cache_clusters >= 1 && var.num_cache_clusters <= 6 && floor(var.num_cache_clusters) == var.num_cache_clusters
    error_message = "num_cache_clusters must be a whole number from 1 to 6."
  }
}

variable "auth_token" {
  description = "Password clients send with AUTH (16 to 128 printable characters, none of @, \" and /); it goes into product-service's REDIS_URL."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.auth_token) >= 16 && length(var.auth_token) <= 128 && !can(regex("[@\"/[:space:]]", var.auth_token))
    error_message = "auth_token must hold 16 to 128 printable characters and none of @, \" and / nor white space."
  }
}

variable "snapshot_retention_days" {
  description = "Days automatic snapshots are kept; 0 turns them off (the cache can be rebuilt from the databases)."
  type        = number
  default     = 1

  validation {
    condition     = var.snapshot_retention_days >= 0 && var.snapshot_retention_days <= 35
    error_message = "snapshot_retention_days must be between 0 and 35."
  }
}

variable "tags" {
  description = "Tags added to every resource the module creates."
  type        = map(string)
  default     = {}
}
