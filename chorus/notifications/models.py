"""Messages to advocates: for now, announcements from the program's owners."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chorus.core.models import BaseModel

TITLE_MAX = 200
BODY_MAX = 5000  # rendered on every advocate's home page: keep it to a short message


class Announcement(BaseModel):
    """A message from the owners to every advocate, shown on their home page."""

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(
        _("message"),
        max_length=BODY_MAX,
        help_text=_("Simple Markdown works: **bold**, *italic*, links and lists."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.title
