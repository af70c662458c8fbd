"""Pages of the dossier lifecycle: the citizen's e-form and "Hồ sơ của tôi", the one-stop desk under /mot-cua/,
the public lookup and the downloads. Thin: forms read input, services write, selectors read."""
