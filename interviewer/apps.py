from django.apps import AppConfig


class InterviewerConfig(AppConfig):
    name = "interviewer"
    verbose_name = "Interviews and question bank"

    def ready(self):
        # Every Django process (web, workers, management commands, tests) configures the engine
        # once, before anything in it loads a model.
        from interviewer.engine.config import configure
        from interviewer.engine_config import engine_config_from_settings

        configure(engine_config_from_settings())
