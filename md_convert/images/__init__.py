"""Images: the only network code (download, address_guard) and the pure rewriting of image links."""
