"""Stage 2, the HTML: the body parsed and pruned (lxml), then cleaned (BeautifulSoup) into a tree
that says only what a reader sees."""
