"""Indexes: embeddings, FAISS, BM25, manifest."""
