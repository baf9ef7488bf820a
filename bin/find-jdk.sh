# Sourced by ./mvnw, ./jnetdev and .ci/run: makes JAVA_HOME point at a JDK 25 or newer.
# Order: a JAVA_HOME that already is 25+, the java on the PATH, then the usual install places.
# Stops with one sentence naming what to install when none is found.

jnetdev_java_major() { # prints the feature version of the java binary given, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

jnetdev_find_jdk() {
  local candidate major
  set +f # the caller may have turned globbing off (mvnw runs with set -f)
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
                   /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(jnetdev_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

if JNETDEV_JDK=$(jnetdev_find_jdk); then
  export JAVA_HOME="$JNETDEV_JDK"
  export PATH="$JAVA_HOME/bin:$PATH"
else
  echo "jnetdev needs a JDK 25 or newer and found none (looked at JAVA_HOME, the PATH and /usr/lib/jvm): install one, e.g. Temurin 25 or OpenJDK 25, and set JAVA_HOME to it." >&2
  exit 1
fi
