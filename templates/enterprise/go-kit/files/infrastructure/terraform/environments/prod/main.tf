# The platform's managed infrastructure on AWS in an existing VPC: an EKS
# cluster, one RDS PostgreSQL instance (a database per service) and an
# ElastiCache Redis replication group, the latter two reachable only from
# the cluster. etcd, NATS JetStream and the OpenTelemetry collector run in
# the cluster (see ../../../kubernetes/README.md).

locals {
  name = "${var.platform}-${var.environment}"
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      platform    = var.platform
      environment = var.environment
      managed-by  = "opentofu"
    })
  }
}

module "eks" {
  source = "../../modules/eks"

  cluster_name        = local.name
  kubernetes_version  = var.kubernetes_version
  subnet_ids          = var.private_subnet_ids
  node_instance_types = var.node_instance_types
  node_min_size       = var.node_count.min
  node_desired_size   = var.node_count.desired
  node_max_size       = var.node_count.max

  endpoint_public_access = length(var.cluster_endpoint_public_access_cidrs) > 0
  public_access_cidrs    = var.cluster_endpoint_public_access_cidrs
}

module "postgres" {
  source = "../../modules/rds-postgres"

  identifier     = "${local.name}-postgres"
  vpc_id         = var.vpc_id
  subnet_ids     = var.private_subnet_ids
  instance_class = var.postgres_instance_class

  allowed_security_group_ids = {
    eks = module.eks.cluster_security_group_id
  }
}

module "redis" {
  source = "../../modules/elasticache-redis"

  name       = "${local.name}-redis"
  vpc_id     = var.vpc_id
  subnet_ids = var.private_subnet_ids
  node_type  = var.redis_node_type
  auth_token = var.redis_auth_token

  allowed_security_group_ids = {
    eks = module.eks.cluster_security_group_id
  }
}
