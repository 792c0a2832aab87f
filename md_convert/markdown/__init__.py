"""Stage 3, the Markdown: the markdownify subclass that writes the cleaned tree with markers, then
the text passes that resolve them (escaping, emphasis, finishing)."""
