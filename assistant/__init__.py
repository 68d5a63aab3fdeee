"""The assistant: query analysis, hybrid retrieval, answers with citations, API, UI and CLI."""
