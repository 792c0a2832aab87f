"""Stage 1, the post: bytes decoded to text, and the front matter split from the body."""
