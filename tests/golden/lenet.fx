LeNet5(
  (convs): Module(
    (0): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))
    (1): Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))
  )
  (relu): ReLU()
  (pool): AvgPool2d(kernel_size=2, stride=2, padding=0)
  (fc1): Linear(in_features=784, out_features=120, bias=True)
  (fc2): Linear(in_features=120, out_features=84, bias=True)
  (fc3): Linear(in_features=84, out_features=10, bias=True)
  (clip): Hardtanh(min_val=-4.0, max_val=4.0)
  (out_act): Identity()
)



def forward(self, x):
    convs_0 = getattr(self.convs, "0")(x);  x = None
    relu = self.relu(convs_0);  convs_0 = None
    pool = self.pool(relu);  relu = None
    convs_1 = getattr(self.convs, "1")(pool);  pool = None
    relu_1 = self.relu(convs_1);  convs_1 = None
    pool_1 = self.pool(relu_1);  relu_1 = None
    flatten = pool_1.flatten(1);  pool_1 = None
    fc1 = self.fc1(flatten);  flatten = None
    relu_2 = self.relu(fc1);  fc1 = None
    fc2 = self.fc2(relu_2);  relu_2 = None
    relu_3 = self.relu(fc2);  fc2 = None
    fc3 = self.fc3(relu_3);  relu_3 = None
    clip = self.clip(fc3);  fc3 = None
    out_act = self.out_act(clip);  clip = None
    return out_act
    
