"""The published site: pages generated from the model, and the MkDocs plugin."""
