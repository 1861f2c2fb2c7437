"""``{% fixed %}…{% endfixed %}``: markup that is the same for every visitor.

The stylesheet links, the header's words and the footer of every page depend only
on the language and on where the site is mounted (the script prefix): each such
part is rendered once per language and script prefix in each process and reused
(``{% translate %}``, ``{% static %}`` and ``{% url %}`` are most of the cost of
the page frame). The part is rendered with an empty context — no request, no
variable of the page — so nothing a visitor typed or asked for can reach it: a
variable inside renders as nothing. Only tags whose output depends on nothing
else belong inside.
"""

from __future__ import annotations

from django import template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

# Languages × script prefixes a process serves: a handful. The bound only guards
# against a caller that activates languages or prefixes without end.
MAX_VERSIONS = 32


class FixedNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist
        self.rendered: dict[tuple[str, str], SafeString] = {}

    def render(self, context) -> SafeString:
        key = (get_language(), get_script_prefix())
        html = self.rendered.get(key)
        if html is None:
            # context.new(): the same settings (autoescape), none of the values.
            html = SafeString(self.nodelist.render(context.new()))
            if len(self.rendered) < MAX_VERSIONS:
                self.rendered[key] = html
        return html


@register.tag
def fixed(parser, token) -> FixedNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% fixed %} takes no arguments")
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    return FixedNode(nodelist)
