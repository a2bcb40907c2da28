"""The project's settings with a fast password hasher: PBKDF2's deliberate slowness is what makes
stored passwords safe, and it is also most of the time spent creating and logging in test users.
Processes started by tests (Daphne, Celery) use these settings too, so they accept the same
hashes."""

from config.settings import *  # noqa: F403 (these settings are the project's, with the changes below)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No retention run or stuck-work sweep in a thread of its own while tests set up and inspect the
# rows those touch (they would race with the test); the tests of that thread start it themselves.
PERIODIC_WORK_IN_PROCESS = False
