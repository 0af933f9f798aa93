"""The background worker: runs queued tasks (django-tasks-db's worker) and, alongside, ticks the
scheduler. Start as many as you like, on one machine or many: each occurrence of a periodic job
still runs once (see chorus.scheduler.services)."""

from django_tasks_db.management.commands import db_worker

from chorus.scheduler.services import SchedulerLoop


class Command(db_worker.Command):
    help = (
        "Run background tasks and the scheduler of periodic jobs. Several workers may run side "
        "by side; each occurrence of a periodic job runs once."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="only run tasks; periodic jobs are queued elsewhere (run_scheduler)",
        )

    def handle(self, *args, no_scheduler=False, **options):
        # The reloader would start the scheduler twice (parent and child); run plainly.
        options["reload"] = False
        options.setdefault("queue_name", "default")
        if not no_scheduler and not options.get("batch"):
            SchedulerLoop().start()
        super().handle(*args, **options)
