# Sourced by the setup scripts. `npm test` and `npm start` run our scripts as npm scripts, and npm exports
# its own state to them (npm_config_user_agent naming the outer Node, npm_config_prefix, NODE, INIT_CWD...).
# A nested npm reads every npm_config_* variable as configuration and an install script may read the user
# agent to decide which Node it runs under (code-server's postinstall does), so a nested install must
# start from none of it.

# Removes every variable an outer npm or node exports to its scripts, and the folders npm puts first on
# PATH for them (a project's node_modules/.bin, npm's node-gyp-bin).
clean_npm_env() {
  local v dir kept=""
  for v in $(compgen -e); do
    case "$v" in
      npm_* | NPM_CONFIG_* | NODE | NODE_OPTIONS | NODE_PATH | NODE_ENV | INIT_CWD) unset "$v" ;;
    esac
  done
  local IFS=:
  for dir in $PATH; do
    case "$dir" in
      */node_modules/.bin | */node-gyp-bin | "") ;;
      *) kept="${kept:+$kept:}$dir" ;;
    esac
  done
  export PATH="$kept"
}

# Runs a command with a clean npm environment and `node_bin_dir` first on PATH.
#   with_node <node_bin_dir> <command> [args...]
with_node() {
  local bin="$1"
  shift
  ( clean_npm_env; export PATH="$bin:$PATH"; "$@" )
}
