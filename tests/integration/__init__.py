"""Integration tests: real Terraform, the real AWS provider, Cognito emulated by moto."""
