from django.core.management.base import BaseCommand

from chorus.academy.curriculum import curriculum_install, guidelines_install


class Command(BaseCommand):
    help = (
        "Add the shipped courses, lessons and translations that are missing (found by their "
        "keys); --update also rewrites the shipped texts, replacing owners' edits of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="rewrite the shipped texts")

    def handle(self, *args, update=False, **options):
        guidelines = guidelines_install()
        created = curriculum_install(update_texts=update)
        self.stdout.write(
            f"Curriculum: {created['courses']} courses, {created['lessons']} lessons and "
            f"{created['texts']} texts added"
            + ("; guidelines version 1 added." if guidelines else ".")
        )
