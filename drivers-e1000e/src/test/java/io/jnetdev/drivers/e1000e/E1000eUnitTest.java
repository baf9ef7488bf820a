package io.jnetdev.drivers.e1000e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Coalesce;
import io.jnetdev.api.ethtool.CoalesceParam;
import io.jnetdev.api.ethtool.RingParam;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.PciDev;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parts of the driver that are arithmetic: parameter checking, ITR, ring sizes, ethtool value checks. */
class E1000eUnitTest {

    // ---- e1000e_check_options ----

    @ParameterizedTest(name = "InterruptThrottleRate={0} -> setting {1}, rate {2}")
    @CsvSource({"0, 0, 0", "1, 1, 20000", "2, 3, 20000", "3, 3, 20000", "4, 4, 4", "100, 100, 100",
            "8000, 8000, 8000", "8003, 8000, 8003", "100000, 100000, 100000"})
    void validThrottleRatesGiveLinuxsSettingAndRate(int param, int setting, int rate) {
        List<String> log = new ArrayList<>();
        E1000eParam.Options o = E1000eParam.checkOptions(param, 2, log::add);
        assertThat(o.itrSetting()).as("itr_setting (fixed rates lose their low two bits)").isEqualTo(setting);
        assertThat(o.itr()).as("itr").isEqualTo(rate);
        assertThat(log).noneMatch(l -> l.startsWith("Invalid"));
    }

    @ParameterizedTest(name = "InterruptThrottleRate={0} is invalid")
    @CsvSource({"5", "99", "100001", "-1"})
    void invalidThrottleRatesAreReportedAndReplacedByConservativeMode(int param) {
        List<String> log = new ArrayList<>();
        E1000eParam.Options o = E1000eParam.checkOptions(param, 2, log::add);
        assertThat(log).contains("Invalid Interrupt Throttling Rate (ints/sec) value specified (" + param + ") using default of 3");
        assertThat(o.itrSetting()).isEqualTo(3);
        assertThat(o.itr()).isEqualTo(20000);
    }

    @Test
    void anInvalidIntModeFallsBackToMsix() {
        List<String> log = new ArrayList<>();
        assertThat(E1000eParam.checkOptions(3, 7, log::add).intMode()).isEqualTo(2);
        assertThat(log).contains("Invalid Interrupt Mode value specified (7) defaulting to 2 (MSI-X)");
        assertThat(E1000eParam.checkOptions(3, 0, s -> { }).intMode()).isZero();
    }

    // ---- e1000_update_itr / e1000_set_itr ----

    @Test
    void updateItrMovesBetweenLatencyClassesAsLinuxDoes() {
        assertThat(E1000eItr.updateItr(E1000eItr.LOW_LATENCY, 0, 0)).as("no packets: unchanged").isEqualTo(E1000eItr.LOW_LATENCY);
        assertThat(E1000eItr.updateItr(E1000eItr.LOW_LATENCY, 20, 20 * 1500)).as("big frames").isEqualTo(E1000eItr.BULK_LATENCY);
        assertThat(E1000eItr.updateItr(E1000eItr.LOW_LATENCY, 40, 40 * 300)).as("many mid frames").isEqualTo(E1000eItr.LOWEST_LATENCY);
        assertThat(E1000eItr.updateItr(E1000eItr.LOW_LATENCY, 2, 120)).as("two small frames").isEqualTo(E1000eItr.LOWEST_LATENCY);
        assertThat(E1000eItr.updateItr(E1000eItr.LOW_LATENCY, 74, 74 * 60)).as("64-byte flood").isEqualTo(E1000eItr.LOW_LATENCY);
        assertThat(E1000eItr.updateItr(E1000eItr.BULK_LATENCY, 10, 5000)).as("bulk, little traffic").isEqualTo(E1000eItr.LOW_LATENCY);
        assertThat(E1000eItr.updateItr(E1000eItr.BULK_LATENCY, 30, 30_000)).as("bulk, big but few").isEqualTo(E1000eItr.BULK_LATENCY);
        assertThat(E1000eItr.updateItr(E1000eItr.LOWEST_LATENCY, 2, 20_000)).as("jumbo").isEqualTo(E1000eItr.BULK_LATENCY);
    }

    @Test
    void conservativeModeNeverReachesLowestLatencyAndRisingRatesStep() {
        E1000eItr dynamic = new E1000eItr(1, 20_000);
        // the class is the slower of receive and transmit: an idle transmit side stays "low"
        assertThat(dynamic.setItr(2, 120, 0, 0, 1000)).as("rx lowest, tx low: 20000, unchanged").isEqualTo(-1);
        // two small frames each way per interrupt: lowest latency in mode 1, stepped up 20000 -> 20000 + 70000/4
        assertThat(dynamic.setItr(2, 120, 2, 120, 1000)).isEqualTo(20_000 + 70_000 / 4);
        assertThat(dynamic.setItr(2, 120, 2, 120, 1000)).isEqualTo(Math.min(37_500 + 70_000 / 4, 70_000));

        E1000eItr conservative = new E1000eItr(3, 20_000);
        for (int i = 0; i < 10; i++) {
            conservative.setItr(2, 120, 2, 120, 1000);
            assertThat(conservative.itr()).as("mode 3 stays at or below 20000").isLessThanOrEqualTo(20_000);
        }
        // bulk traffic drops straight to 4000, no steps downwards
        assertThat(conservative.setItr(20, 30_000, 0, 0, 1000)).isEqualTo(4000);
        assertThat(conservative.setItr(20, 30_000, 0, 0, 1000)).as("unchanged: nothing to write").isEqualTo(-1);
        assertThat(new E1000eItr(3, 20_000).setItr(5, 300, 0, 0, 100)).as("below gigabit: 4000").isEqualTo(4000);
    }

    @Test
    void itrRegisterIsTheIntervalIn256NanosecondUnits() {
        assertThat(E1000eItr.itrRegister(20_000)).isEqualTo(195);
        assertThat(E1000eItr.itrRegister(4_000)).isEqualTo(976);
        assertThat(E1000eItr.itrRegister(70_000)).isEqualTo(55);
        assertThat(E1000eItr.itrRegister(0)).isZero();
        assertThat(E1000eItr.simplifiedRate(0, 0)).isEqualTo(8000);
        assertThat(E1000eItr.simplifiedRate(1_000_000, 1_000_000)).as("symmetric").isEqualTo(2000);
        assertThat(E1000eItr.simplifiedRate(0, 1_000_000)).as("one-way").isEqualTo(8000);
    }

    // ---- ring arithmetic ----

    @Test
    void descUnusedKeepsOneDescriptorAsTheGap() {
        assertThat(E1000eRing.unused(0, 0, 256)).isEqualTo(255);
        assertThat(E1000eRing.unused(10, 11, 256)).isZero();
        assertThat(E1000eRing.unused(255, 0, 256)).isZero();
        assertThat(E1000eRing.unused(5, 3, 256)).isEqualTo(253);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1, 64", "64, 64", "65, 72", "100, 104", "256, 256", "4095, 4096", "4096, 4096"})
    void ringSizesAreClampedAndRoundedUpToMultiplesOfEight(int requested, int size) {
        assertThat(E1000eRing.ringSize(requested, 64, 4096)).isEqualTo(size);
    }

    @Test
    void multicastHashUsesBits47To36WithOffsetZero() {
        // 01:00:5e:00:00:01 -> ((0x00 >> 4) | (0x01 << 4)) = 0x010
        assertThat(E1000eHw.hashMcAddr(MacAddress.parse("01:00:5e:00:00:01"))).isEqualTo(0x010);
        assertThat(E1000eHw.hashMcAddr(MacAddress.parse("33:33:00:00:ff:ff"))).isEqualTo(0xFFF);
    }

    // ---- ethtool value checks against a mocked register file ----

    private static E1000eAdapter adapterOnMocks(IoRegion regs, int itrSetting, int itr) {
        PciDev pdev = mock(PciDev.class);
        Kernel kernel = mock(Kernel.class);
        when(pdev.kernel()).thenReturn(kernel);
        when(pdev.name()).thenReturn("0000:00:03.0");
        NetDevice netdev = mock(NetDevice.class);
        when(netdev.name()).thenReturn("eth0");
        when(netdev.kernel()).thenReturn(kernel);
        E1000eHw hw = new E1000eHw(regs, kernel, "0000:00:03.0");
        return new E1000eAdapter(pdev, hw, netdev, new E1000eParam.Options(0, itr, itrSetting), 256);
    }

    @Test
    void setCoalesceMapsRxUsecsToItrAndRefusesOutOfRangeValues() throws ErrnoException {
        IoRegion regs = mock(IoRegion.class);
        E1000eAdapter a = adapterOnMocks(regs, 3, 20_000);
        E1000eEthtool et = new E1000eEthtool(a);
        NetDevice dev = a.netdev;
        assertThat(et.getCoalesce(dev).rxCoalesceUsecs()).as("mode 3 reads back as 3").isEqualTo(3);

        et.setCoalesce(dev, Coalesce.ZERO.with(CoalesceParam.RX_USECS, 125)); // 8000 ints/s
        verify(regs).write32(E1000eRegs.ITR, 1_000_000_000 / (8000 * 256));
        assertThat(et.getCoalesce(dev).rxCoalesceUsecs()).isEqualTo(125);

        et.setCoalesce(dev, Coalesce.ZERO.with(CoalesceParam.RX_USECS, 0));
        verify(regs).write32(E1000eRegs.ITR, 0);
        assertThat(a.itr.itrSetting()).isZero();

        for (int bad : new int[] {2, 5, 9, 10_001}) {
            assertThatThrownBy(() -> et.setCoalesce(dev, Coalesce.ZERO.with(CoalesceParam.RX_USECS, bad)))
                    .as("rx-usecs %d", bad).isInstanceOf(ErrnoException.class)
                    .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.EINVAL))
                    .hasMessageContaining("rx-usecs " + bad + " is not valid");
        }
        assertThat(a.itr.itrSetting()).as("a refused value changes nothing").isZero();
        assertThat(et.supportedCoalesceParams()).containsExactly(CoalesceParam.RX_USECS);
    }

    @Test
    void setRingparamWhileDownOnlyRecordsClampedAlignedSizesAndRefusesMiniAndJumboRings() throws ErrnoException {
        IoRegion regs = mock(IoRegion.class);
        E1000eAdapter a = adapterOnMocks(regs, 3, 20_000);
        E1000eEthtool et = new E1000eEthtool(a);
        NetDevice dev = a.netdev;
        RingParam max = et.getRingparam(dev);
        assertThat(max.rxMaxPending()).isEqualTo(4096);
        assertThat(max.txMaxPending()).isEqualTo(4096);
        et.setRingparam(dev, max.withPending(100, 0, 0, 1));
        assertThat(et.getRingparam(dev).rxPending()).isEqualTo(104);
        assertThat(et.getRingparam(dev).txPending()).isEqualTo(64);
        assertThatThrownBy(() -> et.setRingparam(dev, max.withPending(512, 0, 8, 512)))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("no rx-mini or rx-jumbo ring");
        assertThat(et.getRingparam(dev).rxPending()).as("kept").isEqualTo(104);
        verify(a.pdev, never()).dmaAllocCoherent(anyLong());
        verify(regs, never()).write32(anyLong(), anyInt());
    }
}
