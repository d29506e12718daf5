#!/usr/bin/env bash
# A real WordPress for the publishing tests, from Debian's packages (wordpress, mariadb-server,
# php-cli, php-mysql; scripts/setup.sh test installs them), on 127.0.0.1 with free ports and
# everything in one folder of its own.
#   tests/servers/wordpress.sh start DIR   starts MariaDB and PHP's web server, installs
#                                          WordPress, makes a user and an application password;
#                                          writes DIR/env (WP_URL, WP_USER, WP_PASSWORD, WP_PIDS)
#   tests/servers/wordpress.sh stop DIR    stops what start started
# WordPress is copied into DIR (Debian's copy reads its configuration from /etc/wordpress);
# WP_ENVIRONMENT_TYPE=local lets it take application passwords over plain HTTP.
set -euo pipefail
cmd="${1:?start|stop}"
dir="$(mkdir -p "${2:?folder}" && cd "$2" && pwd)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
fail() { echo "wordpress.sh: $*" >&2; for f in "$dir"/*.log; do [ -f "$f" ] && tail -20 "$f" >&2; done; exit 1; }

stop() {
  [ -f "$dir/pids" ] || return 0
  while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$dir/pids"
  for _ in $(seq 50); do
    alive=0
    while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$dir/pids"
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$dir/pids"
  rm -f "$dir/pids"
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || fail "usage: wordpress.sh start|stop DIR"
[ -f /usr/share/wordpress/wp-load.php ] || fail "WordPress is not installed: run scripts/setup.sh test"
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || fail "MariaDB is not installed: run scripts/setup.sh test"
stop

# MariaDB: its own data folder and socket; only this folder's socket and a loopback port.
db="$dir/db"
rm -rf "$db" && mkdir -p "$db"
mariadb-install-db --no-defaults --datadir="$db" --user="$(id -un)" --auth-root-authentication-method=normal \
  --skip-test-db > "$dir/mariadb-install.log" 2>&1 || fail "mariadb-install-db failed"
db_port="$(free_port)"
/usr/sbin/mariadbd --no-defaults --datadir="$db" --socket="$dir/mysql.sock" --port="$db_port" \
  --bind-address=127.0.0.1 --pid-file="$dir/mariadb.pid" --user="$(id -un)" --skip-log-bin \
  --innodb-buffer-pool-size=32M > "$dir/mariadb.log" 2>&1 &
echo $! >> "$dir/pids"
for _ in $(seq 100); do
  mariadb --no-defaults --socket="$dir/mysql.sock" -uroot -e 'select 1' >/dev/null 2>&1 && break
  sleep 0.2
done
mariadb --no-defaults --socket="$dir/mysql.sock" -uroot -e \
  "CREATE DATABASE wp CHARACTER SET utf8mb4; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp-db-pass'; GRANT ALL ON wp.* TO 'wp'@'localhost';" \
  || fail "MariaDB did not start"

# WordPress: a copy of Debian's, with its own wp-config.php and uploads folder.
wp="$dir/wp"
rm -rf "$wp" && cp -rL /usr/share/wordpress "$wp"
rm -f "$wp/.htaccess"
web_port="$(free_port)"
url="http://127.0.0.1:$web_port"
cat > "$wp/wp-config.php" <<PHP
<?php
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp-db-pass');
define('DB_HOST', 'localhost:$dir/mysql.sock');
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
\$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
PHP

# Install, then the reporter's user and an application password for Newsdesk.
password="$(cd "$wp" && HTTP_HOST="127.0.0.1:$web_port" php -d display_errors=stderr -r '
  define("WP_INSTALLING", true);
  $_SERVER["HTTP_HOST"] = getenv("HTTP_HOST");
  require "wp-load.php";
  require_once ABSPATH . "wp-admin/includes/upgrade.php";
  wp_install("Newsdesk test site", "admin", "admin@example.test", false, "", "admin-pass-" . wp_generate_password(12, false));
  $id = wp_insert_user(["user_login" => "reporter", "user_pass" => wp_generate_password(16, false),
    "user_email" => "reporter@example.test", "role" => "editor", "display_name" => "Reporter"]);
  if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
  list($pw) = WP_Application_Passwords::create_new_application_password($id, ["name" => "Newsdesk"]);
  echo $pw;
' 2> "$dir/install.log")" || fail "installing WordPress failed"

php -S "127.0.0.1:$web_port" -t "$wp" > "$dir/php.log" 2>&1 &
echo $! >> "$dir/pids"
for _ in $(seq 100); do
  curl -sf -o /dev/null "$url/?rest_route=/" && break
  sleep 0.1
done
curl -sf -o /dev/null "$url/?rest_route=/" || fail "WordPress does not answer at $url"

cat > "$dir/env" <<ENV
WP_URL=$url
WP_USER=reporter
WP_PASSWORD=$password
ENV
echo "$url"
