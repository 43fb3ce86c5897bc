package org.redisson.tomcat;

import org.apache.catalina.LifecycleException;
import org.apache.catalina.session.StandardManager;

/**
 * A stand-in for Redisson's Tomcat session manager, for the e2e tests only: the real jars cannot be downloaded on
 * the test machines. Same class name and the attributes paasport writes into context.xml, so Tomcat loads it from
 * the jar the image copies into lib/; sessions stay in this instance's memory (StandardManager). At start it says
 * what it was given and asks the Redis server of REDIS_HOST and REDIS_PORT (with REDIS_PASSWORD) for a PONG, so a
 * test sees that the container's environment reaches a real Redis.
 */
public class RedissonSessionManager extends StandardManager {
    private String configPath;
    private String readMode;
    private String updateMode;

    public void setConfigPath(String configPath) { this.configPath = configPath; }
    public String getConfigPath() { return configPath; }
    public void setReadMode(String readMode) { this.readMode = readMode; }
    public String getReadMode() { return readMode; }
    public void setUpdateMode(String updateMode) { this.updateMode = updateMode; }
    public String getUpdateMode() { return updateMode; }

    @Override
    protected synchronized void startInternal() throws LifecycleException {
        super.startInternal();
        System.out.println("stand-in RedissonSessionManager started: configPath=" + configPath
            + " readMode=" + readMode + " updateMode=" + updateMode
            + " config file readable=" + (configPath != null && new java.io.File(configPath).canRead()));
        System.out.println("stand-in RedissonSessionManager redis: " + ping());
    }

    private static String ping() {
        String host = System.getenv("REDIS_HOST");
        String port = System.getenv("REDIS_PORT");
        String password = System.getenv("REDIS_PASSWORD");
        if (host == null || port == null) return "REDIS_HOST or REDIS_PORT not set";
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, Integer.parseInt(port)), 5000);
            socket.setSoTimeout(5000);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(socket.getInputStream(), "UTF-8"));
            StringBuilder replies = new StringBuilder();
            if (password != null && !password.isEmpty()) {
                out.write(command("AUTH", password));
                replies.append(in.readLine()).append(' ');
            }
            out.write(command("PING"));
            return replies.append(in.readLine()).toString();
        } catch (Exception e) {
            return "no answer from " + host + ":" + port + ": " + e;
        }
    }

    private static byte[] command(String... args) throws java.io.IOException {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes("UTF-8").length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes("UTF-8");
    }
}
