# Images for the production shape: one build stage, one runtime stage per process.
#   docker build --target web -t fleet-provisioner-web .
#   docker build --target worker -t fleet-provisioner-worker .
#   docker build --target simulator -t fleet-freedom-simulator .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY common common
COPY fleetfreedom fleetfreedom
COPY core core
COPY db db
COPY queue queue
COPY simulator simulator
COPY worker worker
COPY web web
COPY app app
RUN mvn -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre AS runtime
RUN useradd --system --uid 10001 --home-dir /app fleet && mkdir -p /app && chown fleet /app
WORKDIR /app
USER fleet

FROM runtime AS web
COPY --from=build /src/web/target/fleet-provisioner-web.jar /app/fleet-provisioner-web.jar
# the default bind address is loopback; inside a container the published port is the boundary
ENV FP_HTTP_HOST=0.0.0.0
EXPOSE 7070
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/fleet-provisioner-web.jar"]

FROM runtime AS worker
COPY --from=build /src/worker/target/fleet-provisioner-worker.jar /app/fleet-provisioner-worker.jar
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/fleet-provisioner-worker.jar"]

FROM runtime AS simulator
COPY --from=build /src/simulator/target/fleet-freedom-simulator.jar /app/fleet-freedom-simulator.jar
EXPOSE 8989
# the WebSocket on every interface of the container (the compose network); the control API stays on
# the container's loopback (--control-host defaults to 127.0.0.1) and needs the token printed at start
ENTRYPOINT ["java", "-jar", "/app/fleet-freedom-simulator.jar", "--host", "0.0.0.0", "--port", "8989"]
