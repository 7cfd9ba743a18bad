"""Knowledge as data: code tables, lexicons and gazetteers under data/, with small loaders."""
