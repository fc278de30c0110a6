# bash completion for maptidy: options are read from `maptidy --help`,
# other words complete as file names.
complete -F _longopt maptidy
