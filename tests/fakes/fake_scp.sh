#!/bin/sh
# Stands in for scp in tests without a network: skips scp's options, then
# copies the local file to the path after "host:" (mode kept, as scp -p).
while [ $# -gt 0 ]; do
  case $1 in
    --) shift; break ;;
    -o | -P | -F | -i) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
exec cp -p -- "$1" "${2#*:}"
