"""A branch skills contest (银行业务技能比赛): its rules, its points and its standings.

Pure code: ``rules`` holds the life of a contest (draft → open → running → closed) and
what a contest fixes for everyone; ``points`` the documented points table per drill
kind (docs/contest-rules.md); ``standings`` ranks the contestants per drill, overall
and by team. The services read attempts from the database and hand plain figures here.
"""
