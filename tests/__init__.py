"""Tests for cognito-access and its example app."""
