"""Tests: fast logic tests with a fake embedder, and `model`-marked end-to-end tests."""
