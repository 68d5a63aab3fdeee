"""Source documents and their parsing: loading, normalisation, outline, chunking, tokens."""
