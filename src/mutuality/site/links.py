"""Links for long lists: a page that links hundreds of rows reverses each URL name once."""

from django.urls import reverse


def url_pattern(name: str) -> str:
    """The URL of `name` with `{}` where its one id goes: `url_pattern("client").format(7)`."""
    return reverse(name, args=[0]).replace("/0/", "/{}/")
