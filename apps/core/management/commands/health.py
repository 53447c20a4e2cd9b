"""`manage.py health [--only tasks,database]`: the readiness checks from the command line (exit status 1 on any
failure), for containers without HTTP (the worker, the scheduler) and for operators on a node."""

from django.core.management.base import BaseCommand, CommandError

from apps.core.monitoring.health import CHECKS, readiness


class Command(BaseCommand):
    help = "Runs the readiness checks (database, cache, storage, tasks, disk); exits 1 if any fails."
    requires_system_checks = []  # a health probe must be quick and must not fail for a configuration warning

    def add_arguments(self, parser):
        parser.add_argument("--only", default="", help=f"comma-separated subset of: {', '.join(CHECKS)}")

    def handle(self, *args, only: str, **options):
        names = [name.strip() for name in only.split(",") if name.strip()]
        unknown = sorted(set(names) - set(CHECKS))
        if unknown:
            raise CommandError(f"unknown check(s): {', '.join(unknown)}; known: {', '.join(CHECKS)}")
        results = readiness(names)
        for check in results:
            line = f"{check.name:9} {'ok' if check.ok else 'FAIL'}" + (f"  {check.detail}" if check.detail else "")
            self.stdout.write(line)
        failed = [check.name for check in results if not check.ok]
        if failed:
            raise CommandError(f"not ready: {', '.join(failed)}", returncode=1)
