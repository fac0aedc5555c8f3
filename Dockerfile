# Build stage: Maven + JDK 17 builds the fat jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY conf conf
COPY src src
RUN mvn -B -q -DskipTests package

# Runtime stage: the JRE image as it is (no package installed), non-root. The image has no
# PostgreSQL: give it DATABASE_URL.
FROM eclipse-temurin:17-jre
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="chat-history-gateway" \
      org.opencontainers.image.description="Serves one PostgreSQL store of chat messages through five vendors' history APIs (Vert.x 5)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre"
RUN useradd --system --uid 10001 --home /app gateway
WORKDIR /app
COPY --from=build /src/target/gateway.jar /app/gateway.jar
COPY conf /app/conf
USER gateway
ENV HTTP_PORT=8080
# Configure with DATABASE_URL, GATEWAY_ADMIN_TOKEN, JWT_SECRET, JWT_PUBLIC_KEY; mount another
# /app/conf to change conf/config.json or the logging (conf/logback-json.xml: JSON lines).
EXPOSE 8080
# Liveness only (the process answers HTTP); readiness (/health/ready: the database answers) is for
# the orchestrator's own probe. The check is a small JDK-only class in the jar: no curl or wget.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD java -Xmx16m -Xss512k -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp /app/gateway.jar \
      io.chatgw.gateway.ops.LivenessProbe "${HTTP_PORT:-8080}"
# the JVM's heap, collector and limits: conf/jvm.options, as on every other start
ENTRYPOINT ["java", "@/app/conf/jvm.options", "-Dlogback.configurationFile=/app/conf/logback.xml", "-jar", "/app/gateway.jar"]
