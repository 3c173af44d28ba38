# syntax=docker/dockerfile:1
# The one image recipe of every deployable (consent-service, messaging-gateway, retention-service, audit-service,
# whatsapp-simulator): they differ only in the jar and the port. Build the jars first, then, from the repository root:
#   ./mvnw -q package -DskipTests
#   docker build --build-arg SERVICE=consent-service --build-arg PORT=8081 -t consentflow/consent-service:0.1.0-SNAPSHOT .
# docker-compose.yml passes the same arguments. .dockerignore limits the context to the services' jars.

# Stage 1: split the Spring Boot jar into its layers (dependencies change rarely, application code often),
# so a rebuild after a code change only ships the small application layer. Extracted without the launcher: an
# application.jar whose manifest lists lib/, which class-data sharing needs (it archives only classes the JVM's own
# class loaders load from plain jars, not those of Spring Boot's nested-jar launcher).
FROM eclipse-temurin:17-jre-noble AS builder
ARG SERVICE
ARG VERSION=0.1.0-SNAPSHOT
WORKDIR /builder
COPY ${SERVICE}/target/${SERVICE}-${VERSION}.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# Stage 2: the runtime image: a JRE only (no JDK, no build tools), running as an unprivileged user.
FROM eclipse-temurin:17-jre-noble
ARG PORT
RUN groupadd --system --gid 10001 consentflow \
 && useradd --system --uid 10001 --gid consentflow --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin consentflow
WORKDIR /application
COPY --from=builder /builder/extracted/dependencies/ ./
COPY --from=builder /builder/extracted/spring-boot-loader/ ./
COPY --from=builder /builder/extracted/snapshot-dependencies/ ./
COPY --from=builder /builder/extracted/application/ ./
# The root filesystem is read-only in Kubernetes: temp files go to /tmp (an emptyDir), no perf-data file is written,
# the heap follows the container's memory limit, and an OutOfMemoryError ends the process so it is restarted.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.io.tmpdir=/tmp"
# Class-data sharing (AppCDS): a training run with the runtime's JVM and flags starts the application until its
# context is refreshed (every bean created; no web server, no listener; Spring then exits) and writes the classes it
# loaded to application.jsa, which every start then maps instead of loading ~12,000 classes (docs/performance.md,
# "Start-up"). No broker or database in the build: topics are not created (the services' users may not anyway), and
# a connection that fails only costs the training a few classes. The archive is only read at run time (read-only
# root filesystem); a JVM that cannot use it (another JDK) starts without it. The stage fails without an archive.
RUN java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh -Dspring.kafka.admin.auto-create=false \
      -Dspring.main.banner-mode=off -jar application.jar >/tmp/cds-training.log 2>&1 \
      || echo "the training run ended with an error (an archive of what it loaded is kept)"; \
    test -s application.jsa || { tail -n 40 /tmp/cds-training.log; exit 1; }; \
    rm -f /tmp/cds-training.log
# Numeric ids, so Kubernetes' runAsNonRoot can verify the user without reading /etc/passwd.
USER 10001:10001
EXPOSE ${PORT}
# HEALTHCHECK cannot read build arguments; the port is kept for it in the image's environment.
ENV HEALTHCHECK_PORT=${PORT}
# For docker / compose; Kubernetes ignores it and uses the liveness and readiness probes of the Deployment.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${HEALTHCHECK_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=application.jsa", "-jar", "application.jar"]
