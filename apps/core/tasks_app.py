from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db (the mail and SMS queue) under a Chinese name in the admin's sidebar."""

    verbose_name = "后台任务"
