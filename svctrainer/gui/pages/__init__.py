"""One module per navigation target; each page is built on first visit."""
