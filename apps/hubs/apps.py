from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "apps.hubs"
    label = "hubs"
    verbose_name = "红岭之家"

    def ready(self):
        from apps.core.home import home_section_register

        from .selectors import home_projects

        home_section_register(order=20, template="hubs/includes/home_section.html", data=home_projects)
