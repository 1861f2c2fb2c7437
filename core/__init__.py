"""The site's shared pieces, imported by both apps: navigation, language links,
and the words of the consequences timeline. Neither app imports the other."""
