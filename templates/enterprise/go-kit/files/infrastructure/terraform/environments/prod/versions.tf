terraform {
  required_version = ">= 1.8.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # Keep the state remotely and locked, for example in S3:
  # backend "s3" {
  #   bucket       = "<state bucket>"
  #   key          = "platform/prod/terraform.tfstate"
  #   region       = "<region>"
  #   use_lockfile = true
  #   encrypt      = true
  # }
}
