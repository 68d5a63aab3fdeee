"""The assistant: query analysis, hybrid retrieval, answers with citations, API, UI and CLI."""

APP_NAME = "规划问答助手"
