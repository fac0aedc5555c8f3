# Build stage: Maven + JDK 17 builds the fat jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY conf conf
COPY src src
RUN mvn -B -q -DskipTests package

# Runtime stage: JRE only, non-root. The image has no PostgreSQL: give it DATABASE_URL.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /app gateway
WORKDIR /app
COPY --from=build /src/target/gateway.jar /app/gateway.jar
COPY conf /app/conf
USER gateway
ENV HTTP_PORT=8080
# Configure with DATABASE_URL, GATEWAY_ADMIN_TOKEN, JWT_SECRET, JWT_PUBLIC_KEY.
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
# the JVM's heap, collector and limits: conf/jvm.options, as on every other start
ENTRYPOINT ["java", "@/app/conf/jvm.options", "-jar", "/app/gateway.jar"]
