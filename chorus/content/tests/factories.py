import factory
from django.utils import timezone

from chorus.content.models import ContentItem, SamplePost, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Topic {n}")


class ContentItemFactory(factory.django.DjangoModelFactory):
    """A published link item in English, for everyone."""

    class Meta:
        model = ContentItem

    kind = ContentItem.Kind.LINK
    title = factory.Sequence(lambda n: f"Item {n}")
    url = factory.Sequence(lambda n: f"https://news.acme.test/{n}")
    language = "en"
    publish_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))


class SamplePostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SamplePost

    item = factory.SubFactory(ContentItemFactory)
    text = "Proud of what our team shipped this week."
