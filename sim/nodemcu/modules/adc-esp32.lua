-- NodeMCU's adc module on ESP32 (dev-esp32, components/modules/adc.c): ADC1 only (adc.ts).
adc = { ADC1 = 1, ATTEN_0db = 0, ATTEN_2_5db = 1, ATTEN_6db = 2, ATTEN_11db = 3 }
function adc.setwidth(id, bits) __host_adc_setwidth(math.tointeger(id), math.tointeger(bits)) end
function adc.setup(id, channel, atten) __host_adc_setup(math.tointeger(id), math.tointeger(channel), math.tointeger(atten)) end
function adc.read(id, channel) return __host_adc_read(math.tointeger(id), math.tointeger(channel)) end
