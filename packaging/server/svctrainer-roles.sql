-- svctrainer on a PostgreSQL server: the database and its two roles, least privilege.
--
--   psql -U postgres -v db=svctrainer -v owner=svctrainer_owner -v app=svctrainer_app \
--        -f svctrainer-roles.sql
--
-- Run as a superuser (or a role with CREATEROLE and CREATEDB). Safe to run again: what
-- exists already is left as it is, and the grants are re-applied. Passwords are set
-- separately with psql's \password, so that none is ever written in a file or a log.
--
--   owner  the migration role: owns the database, its schema and every table. Only the
--          administrator uses it, for 'svctrainer db upgrade' and the nightly pg_dump.
--   app    the application role: every workstation signs in with it. It reads and
--          writes rows (SELECT, INSERT, UPDATE, DELETE) and cannot create, alter or drop
--          anything, so a workstation can never change the schema.
--
-- docs/DEPLOYMENT.md walks through it; tests/deploy runs this very file.
\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN', :'owner')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0',
              :'db', :'owner', 'UTF8')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec

-- Only the two roles may connect (and superusers, who always can).
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"owner";
GRANT CONNECT ON DATABASE :"db" TO :"app";

\connect :"db"
-- The tables live in schema public. Its owner (PostgreSQL 15+: the database owner) is the
-- only role that may create in it; the REVOKE makes older servers behave the same.
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- Tables and sequences the migration role creates from now on ('svctrainer db upgrade')
-- are readable and writable by the application role, and nothing more.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT USAGE ON SEQUENCES TO :"app";

-- ...and those that already exist, when an older installation is brought to this set-up.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO :"app";
