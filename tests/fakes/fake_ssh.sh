#!/bin/sh
# Stands in for ssh in tests without a network: skips ssh's options and the
# destination, then runs the remote command with the local shell, as sshd runs
# it with the user's shell. Like a remote session, the command is in a session
# of its own: signals to this "client's" process group do not reach it, and it
# learns of the client's end only from its input.
while [ $# -gt 0 ]; do
  case $1 in
    --) shift; break ;;
    -o | -p | -F | -i) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
shift # the destination
exec setsid -w sh -c "$1"
