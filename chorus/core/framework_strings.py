"""Django's own strings that our pages show, copied here so that our catalogs can complete them.

Django's Thai catalog for `naturaltime` ("5 days ago") is unfinished, so those words came out in
English on Thai pages. Catalogs in LOCALE_PATHS take precedence over Django's, and makemessages
keeps only strings it finds in our code: this module is where it finds them. Nothing calls it.
"""

from django.utils.translation import gettext_lazy, npgettext_lazy

NATURALTIME = (
    gettext_lazy("%(delta)s ago"),
    gettext_lazy("%(delta)s from now"),
    npgettext_lazy("naturaltime-past", "%(num)d year", "%(num)d years", "num"),
    npgettext_lazy("naturaltime-past", "%(num)d month", "%(num)d months", "num"),
    npgettext_lazy("naturaltime-past", "%(num)d week", "%(num)d weeks", "num"),
    npgettext_lazy("naturaltime-past", "%(num)d day", "%(num)d days", "num"),
    npgettext_lazy("naturaltime-past", "%(num)d hour", "%(num)d hours", "num"),
    npgettext_lazy("naturaltime-past", "%(num)d minute", "%(num)d minutes", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d year", "%(num)d years", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d month", "%(num)d months", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d week", "%(num)d weeks", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d day", "%(num)d days", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d hour", "%(num)d hours", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d minute", "%(num)d minutes", "num"),
)
