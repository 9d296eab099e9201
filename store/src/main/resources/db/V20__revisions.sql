-- Commits and versions (issue #6), owned by the commits module.

-- The stable patch-id (git patch-id --stable) of each patch's diff, filled in by match-commits,
-- so a commit is matched to its patches by an indexed lookup.
ALTER TABLE patch ADD COLUMN patch_id char(40);
CREATE INDEX patch_patch_id ON patch (project_id, patch_id) WHERE patch_id IS NOT NULL;
CREATE INDEX patch_project_hash ON patch (project_id, hash) WHERE commit_ref IS NULL;

-- Where match-commits stopped on each branch: the last commit it walked.
CREATE TABLE commit_cursor (
  project_id   bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  repository   varchar(2000) NOT NULL,
  branch       varchar(255) NOT NULL,
  last_commit  char(40) NOT NULL,
  updated      timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  PRIMARY KEY (project_id, repository, branch)
);

-- Revisions: series_id is a newer version of previous_id (at most one predecessor each).
CREATE TABLE series_revision (
  series_id    bigint PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
  previous_id  bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  reason       varchar(20) NOT NULL CHECK (reason IN ('version', 'thread', 'supersedes', 'change-id')),
  CHECK (series_id <> previous_id)
);
CREATE INDEX series_revision_previous ON series_revision (previous_id);

-- Per project: whether an older revision's patches become superseded when a newer one arrives.
ALTER TABLE project ADD COLUMN supersede_revisions boolean NOT NULL DEFAULT true;
