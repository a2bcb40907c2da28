"""The career-centre staff workspace: cohort pages, dashboard, roster, bulk invitations, analytics,
results CSVs and the opt-in leaderboard. The top of the app graph: it reads every feature app."""
