"""Evaluation: QA sets, pure metric functions, the runner and its report."""
